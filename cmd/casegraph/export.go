package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/graphs/export"
	"github.com/casegraph/casegraph/internal/audit"
)

func (a *app) exportCmd() *cobra.Command {
	var (
		from, cluster, format, out string
		hops, maxHops, maxNodes    int
		hubDegree                  int
		path, connect              []string
		all, asJSON                bool
	)
	cmd := &cobra.Command{
		Use:   "export (--from KEY [--hops N] | --path A --path B | --connect K1,K2,… | --cluster ID | --all) --format F -o FILE",
		Short: "Export a subgraph (ego network, paths, connecting network, cluster, everything) for Gephi, yEd, Neo4j, Aleph…",
		Long: `export writes a subgraph of the case database in a format other tools open:

  dot        Graphviz DOT                      graphml    GraphML (yEd, Gephi, networkx)
  gexf       GEXF 1.3 (Gephi)                  cytoscape  Cytoscape.js JSON
  csv        a directory: nodes.csv, edges.csv neo4j      a directory for neo4j-admin database import
  ftm        FollowTheMoney JSON lines (Aleph) mermaid    a Mermaid flowchart
  svg, png   drawn by Graphviz dot (when installed)

Which subgraph:
  --from KEY [--hops N]     the network around a node (hubs shown, not expanded)
  --path A --path B         every shortest path between two nodes
  --connect K1,K2,…         the connecting network of a set of nodes
  --cluster ID              a cluster from casegraph clusters
  --all                     the whole database

Every node and edge carries its kind, key, label and the source rows behind it;
designated entries carry their list and programmes; nodes carry their degree,
betweenness and connected component within the subgraph.`,
		Example: "  casegraph export --from FL-000115 --hops 2 --format graphml -o fl115.graphml\n" +
			"  casegraph export --path FL-000279 --path ofac:43377 --format svg -o path.svg\n" +
			"  casegraph export --cluster cluster:FL-000074 --format neo4j -o farm-neo4j\n" +
			"  casegraph export --all --format gexf -o case.gexf",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			chosen := 0
			for _, set := range []bool{from != "", len(path) > 0, len(connect) > 0, cluster != "", all} {
				if set {
					chosen++
				}
			}
			if chosen != 1 {
				return errors.New("say which subgraph: one of --from, --path, --connect, --cluster or --all")
			}
			if out == "" {
				return errors.New("-o FILE is required")
			}
			if !validFormat(format) {
				return fmt.Errorf("--format %q: want one of %s", format, strings.Join(export.Formats, ", "))
			}
			st, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			opt := graphs.Options{MaxNodes: maxNodes, HubDegree: hubDegree}
			var g *graphs.Subgraph
			switch {
			case from != "":
				n, err := resolveKey(ctx, st, from)
				if err != nil {
					return err
				}
				g, err = graphs.Ego(ctx, st, n.Key, hops, opt)
				if err != nil {
					return err
				}
			case len(path) > 0:
				if len(path) != 2 {
					return fmt.Errorf("--path takes two nodes (--path A --path B), got %d", len(path))
				}
				var keys [2]string
				for i, p := range path {
					n, err := resolveKey(ctx, st, p)
					if err != nil {
						return err
					}
					keys[i] = n.Key
				}
				res, err := graphs.ShortestPaths(ctx, st, keys[0], keys[1], maxHops, 20, opt)
				if err != nil {
					return err
				}
				if len(res.Paths) == 0 {
					return fmt.Errorf("no path from %s to %s within %d hops: nothing to export", s(keys[0]), s(keys[1]), maxHops)
				}
				g = res.Graph
				g.Notes = append(g.Notes, res.Notes...)
			case len(connect) > 0:
				var keys []string
				for _, c := range connect {
					n, err := resolveKey(ctx, st, c)
					if err != nil {
						return err
					}
					keys = append(keys, n.Key)
				}
				if g, err = graphs.Connecting(ctx, st, keys, maxHops, 5, opt); err != nil {
					return err
				}
			case cluster != "":
				if g, err = graphs.Cluster(ctx, st, cluster, opt); err != nil {
					return err
				}
			default:
				if g, err = graphs.All(ctx, st, opt); err != nil {
					return err
				}
			}
			if err := graphs.Measure(g); err != nil {
				return err
			}
			files, err := export.Write(g, format, out)
			if err != nil {
				return err
			}
			if err := audit.Record(ctx, st, audit.Export, strings.Join(files, ", "), map[string]any{"title": g.Title,
				"format": format, "nodes": len(g.Nodes), "edges": len(g.Edges)}); err != nil {
				return err
			}
			if asJSON {
				return printJSON(cmd.OutOrStdout(), map[string]any{"title": g.Title, "nodes": len(g.Nodes),
					"edges": len(g.Edges), "format": format, "files": files, "notes": g.Notes})
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "%s: %d nodes, %d edges written as %s to %s\n", s(g.Title), len(g.Nodes), len(g.Edges), format,
				s(strings.Join(files, ", ")))
			for _, n := range g.Notes {
				fmt.Fprintf(w, "note: %s\n", s(n))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "the node at the centre (key or contractor id)")
	f.IntVar(&hops, "hops", 2, "with --from: how far out")
	f.StringArrayVar(&path, "path", nil, "with a second --path: the two ends of the paths")
	f.StringSliceVar(&connect, "connect", nil, "nodes whose connecting network to export (comma-separated)")
	f.StringVar(&cluster, "cluster", "", "a cluster id (casegraph clusters)")
	f.BoolVar(&all, "all", false, "the whole database")
	f.StringVar(&format, "format", "graphml", "one of "+strings.Join(export.Formats, ", "))
	f.StringVarP(&out, "output", "o", "", "file (a directory for csv and neo4j)")
	f.IntVar(&maxHops, "max-hops", 6, "with --path and --connect: longest path")
	f.IntVar(&maxNodes, "max-nodes", 300, "with --from: most nodes")
	f.IntVar(&hubDegree, "hub-degree", 100, "with --from: a node with more links is shown, not expanded")
	f.BoolVar(&asJSON, "json", false, "print what was written as JSON")
	return cmd
}

func validFormat(f string) bool {
	for _, x := range export.Formats {
		if x == f {
			return true
		}
	}
	return false
}
