"""Operations: typed calls over an engine that return data (what commands, panels and tests call)."""
