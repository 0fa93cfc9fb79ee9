"""The domain nouns and the semantics of the values plans state."""
