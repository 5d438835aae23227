"""LibreOffice headless as a real client: open and convert a file, and accept or reject all its tracked changes.

Accept/reject use LibreOffice's own commands (.uno:AcceptAllTrackedChanges,
.uno:RejectAllTrackedChanges) from a Basic macro placed in a throwaway user
profile. The profile must exist before the macro is added (LibreOffice writes
a fresh one on first start), so `convert` runs first and creates it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Resolve(source As String, target As String, command As String)
  Dim hidden(0) As New com.sun.star.beans.PropertyValue
  hidden(0).Name = &quot;Hidden&quot;
  hidden(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, hidden())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:&quot; &amp; command, &quot;&quot;, 0, Array())
  Dim filter(0) As New com.sun.star.beans.PropertyValue
  filter(0).Name = &quot;FilterName&quot;
  filter(0).Value = &quot;MS Word 2007 XML&quot;
  doc.storeToURL(ConvertToURL(target), filter())
  doc.close(True)
End Sub

Sub AcceptAndReject(source As String, accepted As String, rejected As String)
  Resolve(source, accepted, &quot;AcceptAllTrackedChanges&quot;)
  Resolve(source, rejected, &quot;RejectAllTrackedChanges&quot;)
End Sub

Sub AcceptAndRejectEach(sources As String)
  For Each source In Split(sources, &quot;|&quot;)
    AcceptAndReject(source, source &amp; &quot;.accepted.docx&quot;, source &amp; &quot;.rejected.docx&quot;)
  Next source
End Sub
</script:module>
"""


def _soffice(profile: Path, *args: str) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        check=True, capture_output=True, timeout=180,
    )


def convert(source: Path, target_format: str, out_dir: Path, profile: Path) -> Path:
    """`soffice --convert-to`; returns the converted file."""
    _soffice(profile, "--convert-to", target_format, "--outdir", str(out_dir), str(source))
    return out_dir / f"{source.stem}.{target_format.split(':')[0]}"


def accept_and_reject(source: Path, accepted: Path, rejected: Path, profile: Path) -> None:
    """LibreOffice's Accept All and Reject All of `source`, each saved as a .docx. Needs an existing profile."""
    _install_macro(profile)
    _soffice(profile, f'macro:///Standard.Module1.AcceptAndReject("{source}","{accepted}","{rejected}")')
    assert accepted.exists() and rejected.exists(), "LibreOffice did not run the accept/reject macro"


def accept_and_reject_each(sources: list[Path], profile: Path) -> list[tuple[Path, Path]]:
    """Accept All and Reject All of each of `sources` in one LibreOffice run (starting it is most of the
    time): (accepted, rejected) .docx files beside each, named <source>.accepted.docx / .rejected.docx."""
    _install_macro(profile)
    assert not any("|" in str(source) or '"' in str(source) for source in sources)
    _soffice(profile, f'macro:///Standard.Module1.AcceptAndRejectEach("{"|".join(map(str, sources))}")')
    results = [(Path(f"{source}.accepted.docx"), Path(f"{source}.rejected.docx")) for source in sources]
    assert all(a.exists() and r.exists() for a, r in results), "LibreOffice did not run the accept/reject macro"
    return results


def _install_macro(profile: Path) -> None:
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.exists(), "start LibreOffice once with this profile first (convert)"
    module.write_text(_MACRO, encoding="utf-8")
