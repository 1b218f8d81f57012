"""The commands behind ``dvgen.cli``, one module each, so the CLI module only parses arguments,
builds the settings and dispatches: ``run`` (``generate`` and ``check``: progress, warnings,
summary, exit code) and ``list_show`` (``list`` and ``show``: its own arguments, added by
``add_parsers``, and ``run(args, config) -> int``)."""
