// porcupine-check: runs Porcupine (github.com/anishathalye/porcupine) on a Jepsen EDN history
// with the models of rrt check, for bench/check_vs_porcupine.sh. It is rrt's bench code, built
// against a Porcupine checkout that is never part of rrt.
//
//	porcupine-check check -model kv|register|cas-register [-initial V] [-timeout S] FILE
//	    prints {"file","verdict","ops","read_s","check_s"}: verdict valid, invalid or unknown;
//	    read_s is reading and converting the file, check_s Porcupine's CheckOperations.
//	porcupine-check convert-etcd LOG
//	    prints one of Porcupine's test_data/jepsen/etcd_*.log as a Jepsen EDN history.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/anishathalye/porcupine"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: porcupine-check check|convert-etcd ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "check":
		err = check(os.Args[2:])
	case "convert-etcd":
		err = convertEtcd(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q (expected check or convert-etcd)", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "porcupine-check:", err)
		os.Exit(2)
	}
}

// parseInitial reads --initial the way rrt check does: nil, an integer, a "quoted string", or
// any other text as a string.
func parseInitial(text string) edn {
	if text == "nil" || text == "null" {
		return edn{kind: ednNil}
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return edn{kind: ednInt, num: n}
	}
	if len(text) >= 2 && strings.HasPrefix(text, `"`) && strings.HasSuffix(text, `"`) {
		text = text[1 : len(text)-1]
	}
	return edn{kind: ednString, text: text}
}

func check(args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	modelName := fs.String("model", "cas-register", "register, cas-register or kv")
	initial := fs.String("initial", "nil", "initial value: nil, an integer or a string")
	timeout := fs.Float64("timeout", 0, "seconds before giving up with unknown (0: none)")
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("check needs one history file")
	}
	file := fs.Arg(0)
	start := time.Now()
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	records, err := readOps(src, file)
	if err != nil {
		return err
	}
	cs, err := calls(records)
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	init := parseInitial(*initial)
	var ops []porcupineOp
	var model porcupine.Model
	switch *modelName {
	case "register", "cas-register":
		ops, model, err = registerOps(cs, &init)
	case "kv":
		ops, model, err = kvOps(cs, &init)
	default:
		err = fmt.Errorf("unknown model %q", *modelName)
	}
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	read := time.Since(start)
	start = time.Now()
	res := porcupine.CheckOperationsTimeout(model, ops, time.Duration(*timeout*float64(time.Second)))
	checked := time.Since(start)
	verdict := map[porcupine.CheckResult]string{porcupine.Ok: "valid", porcupine.Illegal: "invalid",
		porcupine.Unknown: "unknown"}[res]
	return json.NewEncoder(os.Stdout).Encode(map[string]interface{}{
		"file": file, "verdict": verdict, "ops": len(ops),
		"read_s": read.Seconds(), "check_s": checked.Seconds()})
}
