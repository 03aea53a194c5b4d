"""Run the command line interface as ``python -m reconnect``."""

from reconnect.cli import main

main()
