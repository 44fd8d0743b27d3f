// Shell completion: completion bash|zsh prints a script, made from the commands and options registered with
// commander, so that it never falls behind them: commands, options, their choices, common names and months.

import { Argument, Command, Option } from "commander";

/** Values offered for options whose value is free text but usually one of a few words. */
const SUGGESTED: Record<string, string[]> = {
  "--partner": ["world", "USA", "China", "Korea", "Taiwan", "HongKong", "Germany", "EU", "ASEAN", "Asia", "W.Europe", "MiddleEast", "304", "105", "area:asia", "group:eu"],
  "--commodity": ["total", "cars", "semiconductors", "chips", "steel", "machinery", "pharmaceuticals", "LNG", "crude", "pc:70503", "hs:8703"],
  "--flow": ["export", "import", "balance"],
  "--month": ["latest", "latest-1", "latest-2"],
  "--to": ["latest", "latest-1"],
  "--from": ["latest-11", "latest-23"],
  "--last": ["12", "24", "36"],
};

interface Node {
  path: string;
  command: Command;
}

/** Every command and subcommand, by its path of names (`""` for boeki itself, `consensus set`). */
function nodes(program: Command): Node[] {
  const out: Node[] = [];
  const walk = (command: Command, path: string) => {
    out.push({ path, command });
    for (const sub of command.commands) walk(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  walk(program, "");
  return out;
}

/** A command's options and boeki's global ones (commander reads those after a command too), with --help. */
function options(node: Node, program: Command): Option[] {
  const own = node.command.options as Option[];
  return node.path ? [...own, ...(program.options as Option[]).filter((g) => g.long !== "--version")] : own;
}

const takesValue = (o: Option) => o.required || o.optional;
/** What an option's value may be: its choices, suggested words, or nothing to offer (a file name, free text). */
const values = (o: Option) => o.argChoices ?? SUGGESTED[o.long!] ?? [];
/** What a command's arguments may be: `files` (file names), choices, or nothing to offer. */
function argumentKind(command: Command): "files" | string[] {
  const args = command.registeredArguments;
  if (args.length === 0) return [];
  if (args[0]!.argChoices) return args[0]!.argChoices;
  return ["file", "files"].includes(args[0]!.name()) ? "files" : [];
}
const oneLine = (text: string) => text.split("\n")[0]!.replace(/\s+/g, " ");
const quoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

export function bashScript(program: Command): string {
  const all = nodes(program);
  const words = all.map((n) => `    ${quoted(n.path)}) echo ${quoted([...n.command.commands.map((c) => c.name()), ...options(n, program).map((o) => o.long!), "--help"].join(" "))} ;;`);
  const valueCases = all.flatMap((n) => options(n, program).filter(takesValue).map((o) => `    ${quoted(`${n.path}|${o.long}`)}) echo ${quoted(values(o).join(" "))} ;;`));
  const argCases = all.map((n) => ({ n, kind: argumentKind(n.command) })).filter((a) => a.kind === "files" || a.kind.length > 0)
    .map(({ n, kind }) => `    ${quoted(n.path)}) echo ${quoted(kind === "files" ? "files" : kind.join(" "))} ;;`);
  return `# bash completion for boeki. Load it with: source <(boeki completion bash)
# or save it as ~/.local/share/bash-completion/completions/boeki

# Subcommands and options of a command path ("" is boeki itself).
_boeki_words() {
  case "$1" in
${words.join("\n")}
  esac
}

# The values of an option that takes one ("" when any text or file name goes); "-" for a flag.
_boeki_values() {
  case "$1|$2" in
${valueCases.join("\n")}
    *) echo "-" ;;
  esac
}

# What a command's arguments are: "files", their choices, or nothing.
_boeki_args() {
  case "$1" in
${argCases.join("\n")}
  esac
}

_boeki() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmdpath="" expecting="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ -n $expecting ]]; then expecting=""; continue; fi
    if [[ $word == -* ]]; then
      [[ "$(_boeki_values "$cmdpath" "$word")" != "-" ]] && expecting="$word"
    elif [[ " $(_boeki_words "$cmdpath") " == *" $word "* ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$word"
    fi
  done
  if [[ -n $expecting ]]; then
    COMPREPLY=($(compgen -W "$(_boeki_values "$cmdpath" "$expecting")" -- "$cur"))
    return 0
  fi
  if [[ $cur != -* ]]; then
    local args="$(_boeki_args "$cmdpath")"
    [[ $args == files ]] && return 0
    if [[ -n $args ]]; then COMPREPLY=($(compgen -W "$args" -- "$cur")); return 0; fi
  fi
  COMPREPLY=($(compgen -W "$(_boeki_words "$cmdpath")" -- "$cur"))
}

complete -o default -F _boeki boeki
`;
}

export function zshScript(program: Command): string {
  const all = nodes(program);
  const described = (name: string, description: string) => quoted(`${name.replaceAll(":", "\\:")}:${oneLine(description).replaceAll(":", "\\:")}`);
  const words = all.map((n) => {
    const subs = n.command.commands.map((c) => described(c.name(), c.description()));
    const opts = [...options(n, program).map((o) => described(o.long!, o.description)), described("--help", "print help")];
    return `    ${quoted(n.path)}) commands=(${subs.join(" ")}); opts=(${opts.join(" ")}) ;;`;
  });
  const valueCases = all.flatMap((n) => options(n, program).filter(takesValue).map((o) => `    ${quoted(`${n.path}|${o.long}`)}) reply=(${values(o).map(quoted).join(" ")}) ;;`));
  const flagCases = all.flatMap((n) => options(n, program).filter((o) => !takesValue(o)).map((o) => quoted(`${n.path}|${o.long}`)));
  const argCases = all.map((n) => ({ n, kind: argumentKind(n.command) })).filter((a) => a.kind === "files" || a.kind.length > 0)
    .map(({ n, kind }) => `    ${quoted(n.path)}) reply=(${kind === "files" ? "files" : kind.map(quoted).join(" ")}) ;;`);
  return `#compdef boeki
# zsh completion for boeki. Load it with: source <(boeki completion zsh)
# or save it as _boeki in a folder of $fpath

_boeki() {
  local -a commands opts reply
  local cmdpath="" expecting="" word i
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    if [[ -n $expecting ]]; then expecting=""; continue; fi
    if [[ $word == -* ]]; then
      case "$cmdpath|$word" in
        ${flagCases.length ? flagCases.join("|") : "''"}) ;;
        *) expecting=$word ;;
      esac
    else
      _boeki_words "$cmdpath"
      if (( \${commands[(I)\${word}:*]} )); then cmdpath="\${cmdpath:+$cmdpath }$word"; fi
    fi
  done
  if [[ -n $expecting ]]; then
    _boeki_values "$cmdpath" "$expecting"
    if (( \${#reply} )); then compadd -- $reply; else _files; fi
    return
  fi
  if [[ \${words[CURRENT]} != -* ]]; then
    _boeki_args "$cmdpath"
    if [[ \${reply[1]} == files ]]; then _files; return; fi
    if (( \${#reply} )); then compadd -- $reply; return; fi
  fi
  _boeki_words "$cmdpath"
  (( \${#commands} )) && _describe -t commands 'boeki command' commands
  _describe -t options 'option' opts
}

_boeki_words() {
  commands=() opts=()
  case "$1" in
${words.join("\n")}
  esac
}

_boeki_values() {
  reply=()
  case "$1|$2" in
${valueCases.join("\n")}
  esac
}

_boeki_args() {
  reply=()
  case "$1" in
${argCases.join("\n")}
  esac
}

if [[ $funcstack[1] == _boeki ]]; then _boeki "$@"; else compdef _boeki boeki; fi
`;
}

export function registerCompletionCommand(program: Command): void {
  program
    .command("completion")
    .description("print a shell completion script: source <(boeki completion bash), or zsh")
    .addArgument(new Argument("<shell>", "bash or zsh").choices(["bash", "zsh"]))
    .addHelpText("after", "\nExamples:\n  source <(boeki completion bash)     # in ~/.bashrc\n  source <(boeki completion zsh)      # in ~/.zshrc, after compinit")
    .action((shell: "bash" | "zsh") => {
      process.stdout.write(shell === "bash" ? bashScript(program) : zshScript(program));
    });
}
