"""Pipeline steps, one module each, runnable as ``python -m reference_impl.steps.<name>``.

Each step reads files or folders (``--<input> PATH``), writes folders (``--<output> PATH``)
and takes literal parameters, as declared in :mod:`reference_impl.pipeline.graph`; each
exposes the plain Python function its command line calls.
"""
