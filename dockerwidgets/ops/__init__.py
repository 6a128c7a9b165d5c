"""Operations: typed calls over an :class:`~dockerwidgets.engine.Engine` that return data.

What a panel, a test or another library calls (``ops.containers.stop(engine, ["web"])``);
the ``%docker`` commands parse argv, call one of these and format what comes back. Each
raises IPython's ``UsageError`` with the engine's or the CLI's one-line message.
"""
