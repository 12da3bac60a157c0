# bash completion for pubdb: commands, options, formats, and the venues and
# citation keys of the database the command line names (--db), else the
# default one.

_pubdb_filter_opts='--year --since --until --author --type --key --venue --first-author
	--equal --award --topic --tag --selected --search --sort --limit'

# The options of a command (the filters included where it takes them).
_pubdb_command_opts()
{
	case $1 in
	check | rm) echo --help ;;
	config) echo --help ;;
	export) echo "$_pubdb_filter_opts --format --group-by --clean --number --max-authors --template --output -o --help" ;;
	help) ;;
	import) echo --strict --topic --tag --help ;;
	list) echo "$_pubdb_filter_opts --format --help" ;;
	show) echo --format --help ;;
	stats) echo "$_pubdb_filter_opts --format --chart --output -o --help" ;;
	tag) echo --add --remove --help ;;
	venues) echo --aliases --kind --alias --help ;;
	esac
}

_pubdb_formats()
{
	case $1 in
	show) echo bibtex json markdown table ;;
	stats) echo text json ;;
	*) echo bibtex csl-json json keys markdown table ;;
	esac
}

# Runs pubdb with the --db of the command line; quiet, never fails.
_pubdb_run()
{
	"${_pubdb_prog:-pubdb}" ${_pubdb_db:+--db "$_pubdb_db"} --quiet "$@" 2>/dev/null
}

_pubdb()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd='' word i words
	local _pubdb_prog=${COMP_WORDS[0]} _pubdb_db=''

	COMPREPLY=()
	# the global options before the command, and the command
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		case $word in
		--db) _pubdb_db=${COMP_WORDS[i + 1]}; ((i++)) ;;
		--db=*) _pubdb_db=${word#--db=} ;;
		--me | --color) ((i++)) ;;
		-*) ;;
		*) cmd=$word; break ;;
		esac
	done
	# a ~ in --db ~/cv.db, as the shell would expand it
	[[ $_pubdb_db == '~/'* ]] && _pubdb_db=$HOME/${_pubdb_db#'~/'}

	case $prev in
	--db | --output | -o | --template)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--color) words='auto always never' ;;
	--format) words=$(_pubdb_formats "$cmd") ;;
	--group-by) words='year venue type topic' ;;
	--sort) words='-year year title venue added' ;;
	--chart) words='terminal svg' ;;
	--kind) words='conference journal workshop preprint other' ;;
	--venue) words=$(_pubdb_run venues | cut -d' ' -f1) ;;
	--key) words=$(_pubdb_run list --format keys) ;;
	--me | --year | --since | --until | --author | --type | --award | --topic | --tag | \
	--limit | --max-authors | --search | --alias | --add | --remove)
		return ;;
	esac
	if [[ -z $words ]]; then
		if [[ -z $cmd ]]; then
			if [[ $cur == -* ]]; then
				words='--db --me --quiet --color --version --help'
			else
				words='check config export help import list rm show stats tag venues'
			fi
		elif [[ $cur == -* ]]; then
			words=$(_pubdb_command_opts "$cmd")
		else
			case $cmd in
			import)
				COMPREPLY=($(compgen -f -- "$cur"))
				return ;;
			show | rm | tag) words=$(_pubdb_run list --format keys) ;;
			config) words='get set unset me' ;;
			venues) words=add ;;
			help) words='check config export import list rm show stats tag venues' ;;
			esac
		fi
	fi
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -o default -F _pubdb pubdb
