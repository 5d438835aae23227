"""WeasyPrint is loaded the fast way: no helper programs at import, HarfBuzz's subsetter for fonts."""

import subprocess
import sys

import pytest

from letterkit.paths import templates_dir


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the library lookup is only bypassed on Linux")
def test_importing_the_pdf_writer_runs_no_programs_and_restores_find_library():
    # cffi's fallback, ctypes.util.find_library, runs ldconfig, gcc and ld for every library
    # name WeasyPrint tries that is not the Linux one: ~80 processes, ~0.25 s per cold draft.
    code = (
        "import ctypes.util, subprocess\n"
        "started = []\n"
        "real_init = subprocess.Popen.__init__\n"
        "def spy(self, args, *rest, **kw):\n"
        "    started.append(args)\n"
        "    real_init(self, args, *rest, **kw)\n"
        "subprocess.Popen.__init__ = spy\n"
        "find_library = ctypes.util.find_library\n"
        "import letterkit.writers.pdf_writer\n"
        "from weasyprint.text import ffi\n"
        "assert started == [], started\n"
        "assert ctypes.util.find_library is find_library\n"
        "assert ffi.pango is not None and ffi.harfbuzz is not None\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=templates_dir().parent)


def test_fonts_are_subset_by_harfbuzz_not_the_slower_fonttools_fallback():
    from weasyprint.text import ffi

    assert ffi.harfbuzz_subset is not None, "install HarfBuzz's subset library: scripts/setup does (libharfbuzz-subset0)"
    assert ffi.harfbuzz.hb_version_atleast(4, 1, 0), "WeasyPrint needs HarfBuzz >= 4.1 to subset with it"
