"""The canonical model as YAML, one file per table: what ``dvgen`` reads back and diffs."""
