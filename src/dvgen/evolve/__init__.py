"""Schema evolution: the model of another revision, what changed since, and how to migrate."""
