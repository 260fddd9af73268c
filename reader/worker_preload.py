"""Imported by the fork server that an import's worker processes are forked from
(``reader.worker_processes``): the parser and the models load here, once, and every worker
forked afterwards starts with them loaded."""

from reader.parse_worker import warm_up

warm_up(entities=True)
