"""The HTTP API and the command line: thin shells over index/."""
