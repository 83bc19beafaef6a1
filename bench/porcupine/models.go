// The models rrt check has (register, cas-register, kv), written for Porcupine with the same
// semantics, so both tools decide the same question.
package main

import (
	"fmt"
	"hash/fnv"
	"strconv"

	"github.com/anishathalye/porcupine"
)

type porcupineOp = porcupine.Operation

// The text rrt's kv model stores for a value: integers in decimal, nil stays nil.
func kvText(e *edn) (string, bool) {
	switch e.kind {
	case ednNil:
		return "", true
	case ednInt:
		return strconv.FormatInt(e.num, 10), false
	default:
		return e.text, false
	}
}

// ---- register and cas-register: states are interned values, so steps compare integers.

type regInput struct {
	key  string
	op   uint8 // 0 read, 1 write, 2 cas
	a, b int
}

type regOutput struct {
	value   int
	unknown bool
}

type interner map[string]int

func (in interner) id(e *edn) int {
	s := fmt.Sprintf("%d:%d:%s:%v", e.kind, e.num, e.text, len(e.items))
	for i := range e.items {
		s += fmt.Sprintf("/%d", in.id(&e.items[i]))
	}
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = len(in)
	return in[s]
}

func registerOps(cs []call, initial *edn) ([]porcupineOp, porcupine.Model, error) {
	ids := interner{}
	init := ids.id(initial)
	var ops []porcupineOp
	for _, c := range cs {
		in := regInput{key: c.key}
		switch {
		case isRead(c.f):
			in.op = 0
		case c.f == "write" || c.f == "put" || c.f == "set":
			in.op, in.a = 1, ids.id(&c.arg)
		case c.f == "cas" && isPair(&c.arg):
			in.op, in.a, in.b = 2, ids.id(&c.arg.items[0]), ids.id(&c.arg.items[1])
		default:
			return nil, porcupine.Model{}, fmt.Errorf("register: no operation %q", c.f)
		}
		out := regOutput{unknown: c.unknown}
		if in.op == 0 {
			out.value = ids.id(&c.result)
		}
		ops = append(ops, porcupineOp{Input: in, Output: out, Call: c.invoke, Return: c.ret})
	}
	model := porcupine.Model{
		Partition: func(h []porcupineOp) [][]porcupineOp {
			return partitionByKey(h, func(in interface{}) string { return in.(regInput).key })
		},
		Init: func() interface{} { return init },
		Step: func(state, input, output interface{}) (bool, interface{}) {
			st, in, out := state.(int), input.(regInput), output.(regOutput)
			switch in.op {
			case 0:
				return st == out.value, st
			case 1:
				return true, in.a
			}
			if st == in.a {
				return true, in.b
			}
			return out.unknown, st // a crashed cas that did not match changed nothing
		},
		Hash: func(state interface{}) uint64 { return uint64(state.(int)) * 0x9E3779B97F4A7C15 },
	}
	return ops, model, nil
}

// ---- kv: one string per key, as Redis GET / SET / APPEND.

type kvState struct {
	text  string
	isNil bool
}

type kvInput struct {
	key   string
	op    uint8 // 0 get, 1 put, 2 append
	value kvState
}

func kvOps(cs []call, initial *edn) ([]porcupineOp, porcupine.Model, error) {
	var init kvState
	init.text, init.isNil = kvText(initial)
	var ops []porcupineOp
	for _, c := range cs {
		in := kvInput{key: c.key}
		switch {
		case isRead(c.f):
			in.op = 0
		case c.f == "put" || c.f == "set" || c.f == "write":
			in.op = 1
			in.value.text, in.value.isNil = kvText(&c.arg)
		case c.f == "append":
			in.op = 2
			in.value.text, _ = kvText(&c.arg)
		default:
			return nil, porcupine.Model{}, fmt.Errorf("kv: no operation %q", c.f)
		}
		var out kvState
		out.text, out.isNil = kvText(&c.result)
		ops = append(ops, porcupineOp{Input: in, Output: out, Call: c.invoke, Return: c.ret})
	}
	model := porcupine.Model{
		Partition: func(h []porcupineOp) [][]porcupineOp {
			return partitionByKey(h, func(in interface{}) string { return in.(kvInput).key })
		},
		Init: func() interface{} { return init },
		Step: func(state, input, output interface{}) (bool, interface{}) {
			st, in := state.(kvState), input.(kvInput)
			switch in.op {
			case 0:
				return st == output.(kvState), st
			case 1:
				return true, in.value
			}
			return true, kvState{text: st.text + in.value.text}
		},
		Hash: func(state interface{}) uint64 {
			st := state.(kvState)
			h := fnv.New64a()
			h.Write([]byte(st.text))
			if st.isNil {
				h.Write([]byte{0})
			}
			return h.Sum64()
		},
	}
	return ops, model, nil
}
