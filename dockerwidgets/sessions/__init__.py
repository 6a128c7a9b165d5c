"""Sessions: the threads and sockets that follow the engine (console streams, events); no widgets."""
