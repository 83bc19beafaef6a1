// Jepsen histories as Porcupine operations, read the way rrt check reads them: an invocation
// and the next completion of the same process form one call; a :fail call never took effect
// and is left out; an :info call, or one that never completes, may take effect at any moment
// after its invocation: its return is placed after everything else and its result is unknown.
package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
)

// A call, before a model gives it Porcupine's input and output types.
type call struct {
	key     string
	f       string
	arg     edn // the invocation's value
	result  edn // the completion's value (an ok read's result)
	unknown bool
	invoke  int64 // record positions: real-time order
	ret     int64
}

const never = math.MaxInt64 / 2

func isRead(f string) bool { return f == "read" || f == "get" }

// keyText is the name of a key as rrt prints it: strings as they are, integers in decimal.
func keyText(e *edn) string {
	switch e.kind {
	case ednInt:
		return strconv.FormatInt(e.num, 10)
	case ednNil:
		return ""
	default:
		return e.text
	}
}

func isPair(e *edn) bool { return e.kind == ednVector && len(e.items) == 2 }

// tupleKeyed tells whether every state-changing op carries its key in its value ([k v]), as
// Jepsen's independent histories do (the rule of rrt's split_tuple_keys).
func tupleKeyed(records []edn) bool {
	any := false
	for i := range records {
		r := &records[i]
		f, v := keyText(r.get("f")), r.get("value")
		if isRead(f) || v == nil || v.kind == ednNil || r.get("key") != nil {
			continue
		}
		if !isPair(v) || (f == "cas" && v.items[1].kind != ednVector) {
			return false
		}
		any = true
	}
	return any
}

func calls(records []edn) ([]call, error) {
	keyed := tupleKeyed(records)
	var out []call
	pending := map[int64]int{} // process -> index into out
	for pos := range records {
		r := &records[pos]
		p := r.get("process")
		if p == nil || p.kind != ednInt {
			continue // the nemesis
		}
		typ, f := keyText(r.get("type")), keyText(r.get("f"))
		value := edn{}
		if v := r.get("value"); v != nil {
			value = *v
		}
		key := ""
		if k := r.get("key"); k != nil {
			key = keyText(k)
		} else if keyed && isPair(&value) {
			key, value = keyText(&value.items[0]), value.items[1]
		}
		if typ == "invoke" {
			pending[p.num] = len(out)
			out = append(out, call{key: key, f: f, arg: value, invoke: int64(pos), ret: never,
				unknown: true})
			continue
		}
		i, ok := pending[p.num]
		if !ok {
			return nil, fmt.Errorf("record %d: %s by process %d has no invocation", pos, typ, p.num)
		}
		delete(pending, p.num)
		switch typ {
		case "ok":
			out[i].ret, out[i].unknown, out[i].result = int64(pos), false, value
		case "fail":
			out[i].f = "" // never took effect
		}
	}
	kept := out[:0]
	for _, c := range out {
		if c.f != "" && !(isRead(c.f) && c.unknown) { // an unknown read constrains nothing
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// partitionByKey groups operations by the key their input names, in key order.
func partitionByKey(ops []porcupineOp, key func(in interface{}) string) [][]porcupineOp {
	m := map[string][]porcupineOp{}
	for _, op := range ops {
		k := key(op.Input)
		m[k] = append(m[k], op)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([][]porcupineOp, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, m[k])
	}
	return parts
}
