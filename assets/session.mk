# session.mk: the Session Reality Protocol's make targets, on top of the tether CLI.
#
# In a Makefile:   include path/to/session.mk
# Or directly:     make -f path/to/session.mk session-start MISSION="Implement Reality Agents"
#
#   make session-start MISSION="..."    start a session for a new mission (pauses the active one)
#   make session-log MSG="..."          log what just happened
#   make session-resume [SESSION=ID]    the resume briefing (switching to session ID first)
#   make session-status                 the active session at a glance
#   make session-complete               complete the mission: the session ends
#
# TETHER names the program (default: tether on PATH); TETHER_HOME, when set, is passed on.
# Quotes, commas and backticks in MISSION and MSG are passed as typed; a $ is written $$,
# as everywhere in make.

TETHER ?= tether

# Single-quotes a make variable's value for the shell: it's -> 'it'\''s'.
tether_quote = '$(subst ','\'',$(1))'

.PHONY: session-start session-resume session-complete session-log session-status

session-start:
	@if [ -z $(call tether_quote,$(MISSION)) ]; then \
		echo 'usage: make session-start MISSION="what this session is for"' >&2; exit 2; \
	fi
	@$(TETHER) start -- $(call tether_quote,$(MISSION))

session-log:
	@if [ -z $(call tether_quote,$(MSG)) ]; then \
		echo 'usage: make session-log MSG="what just happened"' >&2; exit 2; \
	fi
	@$(TETHER) log -- $(call tether_quote,$(MSG))

session-resume:
	@$(if $(SESSION),$(TETHER) switch $(call tether_quote,$(SESSION)) &&) $(TETHER) resume

session-status:
	@$(TETHER) status

session-complete:
	@$(TETHER) complete
