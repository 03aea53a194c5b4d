"""Pure domain rules of reconnect: no I/O, standard library only."""
