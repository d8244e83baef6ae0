"""The command lines of ``python -m geo``: thin glue over the domain packages, one module each."""
