"""Reads a run directory's graph.gexf and graph.graphml with networkx and checks them against
accounts.csv and edges.csv: every account is a node with its network, role and scores, every
edge is there with its weight, signals, p-value and leader.

Usage: python3 read_with_networkx.py RESULTS_DIR
"""

import csv
import math
import sys
from pathlib import Path

import networkx as nx


def close(a, b):
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=0.0)


def check(graph, accounts, edges, name):
    assert graph.number_of_nodes() == len(accounts), name
    assert graph.number_of_edges() == len(edges), name
    for row in accounts:
        node = graph.nodes[row["account_id"]]
        if row["network_id"]:
            assert node["network"] == int(row["network_id"]), (name, row)
        else:
            assert "network" not in node, (name, row)
        assert close(node["score"], row["score"]), (name, row)
        assert node.get("role", "") == row["role"], (name, row)
        assert node.get("verdict", "") == row["verdict"], (name, row)
        assert close(node["inauthenticity"], row["inauthenticity"]), (name, row)
    for row in edges:
        edge = graph.edges[row["source"], row["target"]]
        assert close(edge["weight"], row["weight"]), (name, row)
        assert close(edge["p_value"], row["p_value"]), (name, row)
        assert edge["signals"] == row["signals"], (name, row)
        assert edge.get("leader", "") == row["leader"], (name, row)


def main():
    results = Path(sys.argv[1])
    with open(results / "accounts.csv", newline="", encoding="utf-8") as f:
        accounts = list(csv.DictReader(f))
    with open(results / "edges.csv", newline="", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    check(nx.read_gexf(results / "graph.gexf"), accounts, edges, "graph.gexf")
    check(nx.read_graphml(results / "graph.graphml"), accounts, edges, "graph.graphml")
    print(f"networkx {nx.__version__}: {len(accounts)} nodes and {len(edges)} edges match")


if __name__ == "__main__":
    main()
