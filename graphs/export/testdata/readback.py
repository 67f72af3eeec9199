"""Read a casegraph GraphML or GEXF export with networkx; print it as JSON.

usage: python3 readback.py graphml|gexf FILE

Prints {"directed", "multigraph", "nodes": {id: attributes},
"edges": [[source, target, attributes], ...]} so the Go test can compare
what networkx read with what was exported. Exits 3 when networkx is missing.
"""

import json
import sys

try:
    import networkx as nx
    from networkx.readwrite import gexf
except ImportError:
    sys.stderr.write("networkx is not installed (apt-get install python3-networkx)\n")
    sys.exit(3)


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "graphml":
        g = nx.read_graphml(path)
    elif fmt == "gexf":
        # networkx (2.8 to 3.6) knows GEXF 1.1draft and 1.2draft only. GEXF 1.3
        # keeps their structure under a new namespace, so register it with
        # networkx's own reader rather than rewriting the file.
        gexf.GEXF.versions.setdefault("1.3", {
            "NS_GEXF": "http://gexf.net/1.3",
            "NS_VIZ": "http://gexf.net/1.3/viz",
            "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
            "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "VERSION": "1.3",
        })
        g = nx.read_gexf(path, version="1.3")
    else:
        raise SystemExit("unknown format " + fmt)
    out = {
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "nodes": {str(n): d for n, d in g.nodes(data=True)},
        "edges": [[str(u), str(v), d] for u, v, d in g.edges(data=True)],
    }
    json.dump(out, sys.stdout, sort_keys=True)


main()
