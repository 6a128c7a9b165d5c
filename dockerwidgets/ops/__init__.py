"""Operations: typed calls over an Engine that return data; what commands, panels and tests call."""
