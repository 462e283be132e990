"""The production entry point (invamed/wsgi.py, what gunicorn loads)."""

import gc
import importlib


def test_objects_loaded_at_start_are_kept_out_of_the_garbage_collector():
    """invamed.wsgi freezes what Django loaded (gc.freeze), so full collections do not walk it
    again and again and run often enough to keep a worker's memory level (bench/README.md)."""
    import invamed.wsgi

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        importlib.reload(invamed.wsgi)
        assert gc.get_freeze_count() > 10_000
        assert callable(invamed.wsgi.application)
    finally:
        gc.unfreeze()
