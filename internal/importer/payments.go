package importer

import (
	"context"
	"fmt"
	"strings"

	"github.com/casegraph/casegraph/internal/ingest"
	"github.com/casegraph/casegraph/internal/normalize"
	"github.com/casegraph/casegraph/internal/store"
)

// Payments imports a payment ledger: payouts (client money to a contractor's account)
// and account-to-account transfers. Rows are kept as ledger rows and aggregate into
// money-flow edges (count, totals per currency, first and last date).
func Payments(ctx context.Context, st *store.Store, path string, opt Options) (Result, error) {
	opt = withMapping(opt)
	// Ledgers resolve contractors, clients and accounts on every row.
	preload := []string{store.KindContractor, store.KindClient, store.KindAccount, store.KindWallet, store.KindEmail, store.KindPhone}
	return run(ctx, st, path, "payments", ingest.Payments, opt, preload, func(im *store.Import, file string) rowHandler {
		pw := &paymentWriter{im: im, file: file, opt: opt, accounts: map[string]*account{}, clients: map[string]string{},
			placeholder: map[string]any{"placeholder": true}}
		return rowHandler{
			plan: func(rec *ingest.Record) (any, error) { return pw.plan(rec) },
			write: func(ctx context.Context, p any, rec *ingest.Record) error {
				return pw.write(ctx, p.(*paymentPlan), rec.Line)
			},
		}
	})
}

// account is one account cell's normalisation, cached: ledgers repeat the same
// accounts on thousands of rows. Once its node is written only the id is kept.
type account struct {
	spec   *store.NodeSpec
	nodeID int64
	err    error
}

type paymentWriter struct {
	im       *store.Import
	file     string
	opt      Options
	accounts map[string]*account
	clients  map[string]string // payer name → client key (plan's alone)
	// placeholder marks contractor nodes created by a ledger row (read-only, shared).
	placeholder map[string]any
}

func (w *paymentWriter) account(raw string) (*account, error) {
	if a, ok := w.accounts[raw]; ok {
		return a, a.err
	}
	id, err := normalize.Payout("", raw, w.opt.PhoneRegion)
	a := &account{err: err}
	if err == nil {
		a.spec = &store.NodeSpec{Kind: id.Kind, Key: id.Key, Label: id.Label, Attrs: id.Attrs}
	}
	if len(w.accounts) < 1<<20 {
		w.accounts[raw] = a
	}
	return a, err
}

// node returns the account's node id, writing the node the first time.
func (w *paymentWriter) node(ctx context.Context, a *account) (int64, error) {
	if a.nodeID == 0 {
		id, err := w.im.Node(ctx, *a.spec, store.Prov{})
		if err != nil {
			return 0, err
		}
		a.nodeID, a.spec = id, nil
	}
	return a.nodeID, nil
}

// paymentPlan is a validated ledger row, ready to write.
type paymentPlan struct {
	row                    store.LedgerRow
	payee, payerAcct       *account
	payerKind, payerKey    string
	payerLabel, payerField string
	contractor             string
}

func (w *paymentWriter) plan(rec *ingest.Record) (*paymentPlan, error) {
	bad := func(role ingest.Role, err error) error {
		return badField(w.file, rec.Line, columnOf(rec, role), err)
	}
	p := &paymentPlan{row: store.LedgerRow{Line: rec.Line}}
	r := &p.row
	r.ExtID = rec.First(ingest.RolePaymentID)
	r.Currency = strings.ToUpper(rec.First(ingest.RoleCurrency))
	if r.Currency == "" {
		return nil, bad(ingest.RoleCurrency, fmt.Errorf("missing currency"))
	}
	amount := rec.First(ingest.RoleAmount)
	if amount == "" {
		return nil, bad(ingest.RoleAmount, fmt.Errorf("missing amount"))
	}
	var err error
	if r.AmountMinor, err = ingest.ParseAmount(amount, r.Currency, w.opt.Decimal); err != nil {
		return nil, bad(ingest.RoleAmount, err)
	}
	if d := rec.First(ingest.RoleDate); d != "" {
		t, err := ingest.ParseDate(d, w.opt.DateOrder)
		if err != nil {
			return nil, bad(ingest.RoleDate, err)
		}
		r.Date = t.Format("2006-01-02")
	}
	r.Beneficiary = rec.First(ingest.RoleBeneficiary)
	r.Rail = rec.First(ingest.RoleRail)
	r.Reference = rec.First(ingest.RoleReference)
	for _, rc := range rec.Cells {
		if rc.Role == ingest.RoleExtra && rc.Value != "" {
			if r.Extra == nil {
				r.Extra = map[string]string{}
			}
			r.Extra[rc.Column] = rc.Value
		}
	}
	if v := rec.First(ingest.RolePayeeAccount); v != "" {
		a, err := w.account(v)
		if err != nil {
			return nil, bad(ingest.RolePayeeAccount, err)
		}
		p.payee = a
	}
	if v := rec.First(ingest.RolePayerAccount); v != "" {
		a, err := w.account(v)
		if err != nil {
			return nil, bad(ingest.RolePayerAccount, err)
		}
		p.payerAcct = a
	}
	p.contractor = rec.First(ingest.RoleContractor)
	if payer := rec.First(ingest.RolePayer); payer != "" {
		p.payerField = columnOf(rec, ingest.RolePayer)
		switch t := strings.ToLower(rec.First(ingest.RolePayerType)); t {
		case "contractor", "freelancer":
			p.payerKind, p.payerKey, p.payerLabel = store.KindContractor, store.KindContractor+":"+payer, ""
		case "account":
			a, err := w.account(payer)
			if err != nil {
				return nil, bad(ingest.RolePayer, err)
			}
			if p.payerAcct == nil {
				p.payerAcct = a
			}
		case "", "client", "company", "employer":
			p.payerKind, p.payerKey, p.payerLabel = store.KindClient, w.clientKey(payer), payer
		default:
			return nil, bad(ingest.RolePayerType, fmt.Errorf("unknown payer type %q (want contractor, client or account)", t))
		}
	}
	r.Type = strings.ToLower(rec.First(ingest.RoleType))
	if r.Type == "" {
		if p.contractor == "" && p.payerAcct != nil {
			r.Type = "transfer"
		} else {
			r.Type = "payout"
		}
	}
	if p.payee == nil {
		return nil, bad(ingest.RolePayeeAccount, fmt.Errorf("missing payee account"))
	}
	if p.payerAcct == nil && p.payerKey == "" && p.contractor == "" {
		return nil, bad(ingest.RolePayer, fmt.Errorf("no payer, payer account or contractor: the money comes from nowhere"))
	}
	return p, nil
}

// clientKey folds a client's name: case and spacing do not make a new client. Ledgers
// name the same few clients on most rows, so the folded keys are cached.
func (w *paymentWriter) clientKey(name string) string {
	if k, ok := w.clients[name]; ok {
		return k
	}
	k := store.KindClient + ":" + strings.Join(strings.Fields(strings.ToLower(name)), " ")
	if len(w.clients) < 1<<16 {
		w.clients[strings.Clone(name)] = k
	}
	return k
}

// write stores a planned payment. The account cache is shared with plan, which runs
// ahead in another goroutine: plan creates entries and never reads nodeID or spec
// after handing an entry over; write alone sets them.
func (w *paymentWriter) write(ctx context.Context, p *paymentPlan, line int) error {
	im := w.im
	r := &p.row
	var err error
	if r.PayeeID, err = w.node(ctx, p.payee); err != nil {
		return err
	}
	if p.contractor != "" {
		// A ledger may name a contractor not (yet) imported: the node is a placeholder
		// until the profile arrives.
		if r.ContractorID, err = im.Node(ctx, store.NodeSpec{Kind: store.KindContractor,
			Key: store.KindContractor + ":" + p.contractor, Attrs: w.placeholder, IfAbsent: true}, store.Prov{}); err != nil {
			return err
		}
	}
	var payerEntity int64
	if p.payerKey != "" {
		if payerEntity, err = im.Node(ctx, store.NodeSpec{Kind: p.payerKind, Key: p.payerKey, Label: p.payerLabel}, store.Prov{}); err != nil {
			return err
		}
	}
	switch {
	case p.payerAcct != nil:
		if r.PayerID, err = w.node(ctx, p.payerAcct); err != nil {
			return err
		}
		if payerEntity != 0 {
			if _, err := im.Edge(ctx, store.EdgeHolds, payerEntity, r.PayerID, nil, store.Prov{Line: line, Field: p.payerField}); err != nil {
				return err
			}
		}
	case payerEntity != 0:
		r.PayerID = payerEntity
	}
	if err := im.Ledger(ctx, *r); err != nil {
		return fmt.Errorf("%s:%d: %w", w.file, line, err)
	}
	kind := store.EdgePaid
	if r.Type == "transfer" {
		kind = store.EdgeTransfer
	}
	if r.PayerID != 0 && r.PayerID != r.PayeeID {
		im.Flow(kind, r.PayerID, r.PayeeID, r.Currency, r.AmountMinor, r.Date)
	}
	if r.ContractorID != 0 && r.ContractorID != r.PayerID {
		im.Flow(store.EdgePayoutTo, r.ContractorID, r.PayeeID, r.Currency, r.AmountMinor, r.Date)
	}
	return nil
}
