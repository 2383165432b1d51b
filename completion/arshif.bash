# bash completion for arshif(1): commands, options and their values.
_arshif()
{
	local cur prev cmd words opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W 'build check serve new --help --version' -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	if [ "$cmd" = new ] && [ "$COMP_CWORD" -eq 2 ]; then
		COMPREPLY=($(compgen -W 'site article' -- "$cur"))
		return
	fi

	# Values of the options that take one.
	case $prev in
	-s | --source | -o | --output | --cache-dir)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--translation-of)
		COMPREPLY=($(compgen -f -X '!*.md' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	--lang)
		# The languages of the site in the current folder (or -s).
		local src=. i
		for ((i = 2; i < COMP_CWORD; i++)); do
			case ${COMP_WORDS[i]} in
			-s | --source) src=${COMP_WORDS[i + 1]} ;;
			esac
		done
		[ -d "$src/content" ] &&
			COMPREPLY=($(compgen -W "$(cd "$src/content" && ls -d -- */ 2>/dev/null | tr -d /)" -- "$cur"))
		return ;;
	-p | --port | -b | --bind | --title | --date | --slug | --languages)
		return ;;
	esac
	# bash splits "--diagnostics=js" at the '=' (COMP_WORDBREAKS).
	if [ "$prev" = = ] && [ "${COMP_WORDS[COMP_CWORD - 2]}" = --diagnostics ]; then
		COMPREPLY=($(compgen -W 'text json github' -- "$cur"))
		return
	fi
	case $cur in
	--diagnostics=*)
		COMPREPLY=($(compgen -W 'text json github' -- "${cur#--diagnostics=}"))
		return ;;
	esac

	case $cmd in
	build)
		opts='--source --output --drafts --future --strict --clean
		    --no-cache --cache-dir --quiet --diagnostics= --help' ;;
	check)
		opts='--source --drafts --future --strict --no-cache --cache-dir
		    --quiet --diagnostics= --help' ;;
	serve)
		opts='--source --port --bind --drafts --future --strict --no-cache
		    --cache-dir --quiet
		    --diagnostics= --help' ;;
	new)
		if [ "${COMP_WORDS[2]}" = site ]; then
			opts='--languages --help'
			[[ $cur != -* ]] && { COMPREPLY=($(compgen -d -- "$cur")); return; }
		else
			opts='--lang --title --date --slug --translation-of --source --help'
		fi ;;
	*)
		return ;;
	esac
	COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	# "--diagnostics=" waits for its value: no space after it.
	[[ ${COMPREPLY[*]} == *= ]] && compopt -o nospace 2>/dev/null
	return 0
}
complete -F _arshif arshif
