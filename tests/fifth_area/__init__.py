"""A throwaway fifth content area, installed only in the test settings.

It proves that a new content app plugs into the site by registering in its own
``wagtail_hooks.py``, with no change to the shared layer (README, "Layout").
It draws nothing unless a test sets ``FIFTH_AREA_NOTICE``, so other tests never see it.
"""
