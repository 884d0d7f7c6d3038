"""An xdist scheduler that sends each `[sqlite]`/`[postgresql]` item to a worker of that database.

xdist's load scheduling with one constraint: an item parametrised with a database goes to a worker of that
database (tests/databases.py decides which worker has which), or to any worker when none has it (it is skipped
there, with the reason). Items without a database go to any worker. Each worker takes its own database's items
first, so the items that fit anywhere fill in at the end, where the two kinds of worker would otherwise wait.

A worker that crashes is replaced by one of its database (tests/databases.py `WorkerLayout`): until the replacement
is ready, its database counts as served, so its items wait for it instead of going elsewhere to be skipped.
"""

from __future__ import annotations

from xdist.scheduler import LoadScheduling

from tests.databases import WORKER_KEY, item_database


class DatabaseScheduling(LoadScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        self._awaited: list[
            str | None
        ] = []  # databases of crashed workers whose replacement is not ready yet

    def _node_database(self, node) -> str | None:
        return node.workerinput.get(WORKER_KEY)

    def _served(self) -> set[str]:
        live = {self._node_database(node) for node in self.node2pending if not node.shutting_down}
        return live | set(self._awaited)

    def add_node(self, node) -> None:
        database = self._node_database(node)
        if database in self._awaited:
            self._awaited.remove(database)
        super().add_node(node)

    def remove_node(self, node) -> str | None:
        if self.node2pending.get(node) or not node.shutting_down:  # a crash: xdist starts a replacement
            self._awaited.append(self._node_database(node))
        return super().remove_node(node)

    def _eligible(self, node) -> list[int]:
        """Pending items this node may take, its own database's first."""
        mine, anywhere = [], []
        served = self._served()
        here = self._node_database(node)
        for index in self.pending:
            database = self._databases[index]
            if database is None or database not in served:
                anywhere.append(index)
            elif database == here:
                mine.append(index)
        return mine + anywhere

    def check_schedule(self, node, duration: float = 0) -> None:
        if node.shutting_down:
            return
        if not self.pending:
            node.shutdown()
            return
        node_pending = self.node2pending[node]
        num_nodes = len(self.node2pending)
        items_per_node_min = max(2, len(self.pending) // num_nodes // 4)
        items_per_node_max = max(2, len(self.pending) // num_nodes // 2)
        if len(node_pending) >= items_per_node_min or (duration >= 0.1 and len(node_pending) >= 2):
            return
        eligible = self._eligible(node)
        if not eligible:
            node.shutdown()  # what is left belongs to the other database's workers
            return
        num_send = min(items_per_node_max - len(node_pending), max(2 - len(node_pending), self.maxschedchunk))
        self._send(node, eligible[: max(1, num_send)])

    def schedule(self) -> None:
        assert self.collection_is_completed
        if self.collection is not None:
            for node in self.nodes:
                self.check_schedule(node)
            return
        if not self._check_nodes_have_same_collection():
            self.log("**Different tests collected, aborting run**")
            return
        self.collection = next(iter(self.node2collection.values()))
        self._databases = [item_database(nodeid) for nodeid in self.collection]
        self.pending[:] = range(len(self.collection))
        if not self.collection:
            return
        if self.maxschedchunk is None:
            self.maxschedchunk = len(self.collection)
        chunk = max(2, min(len(self.collection) // len(self.nodes) // 4, self.maxschedchunk))
        for node in self.nodes:
            self._send(node, self._eligible(node)[:chunk])
        for node in self.nodes:
            if not self._eligible(node):
                node.shutdown()

    def _send(self, node, indices: list[int]) -> None:
        if not indices:
            return
        taken = set(indices)
        self.pending[:] = [index for index in self.pending if index not in taken]
        self.node2pending[node].extend(indices)
        node.send_runtest_some(indices)
