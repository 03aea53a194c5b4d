"""How the analyzer's model files are made: run by hand, results committed.

Every step is a module run with ``python -m training.<step>`` from the repository root,
after ``pip install -e ".[train]"``. It reads the project's own corpora under
``training/`` and the shared data beside the repository (``../shared/data``: the
labelled snippets and GoEmotions); the test suite never needs any of it.
"""
