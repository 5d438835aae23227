"""SEC filing: the EDGAR HTML rules, the exhibit checker, and the Form 8-K draft."""
