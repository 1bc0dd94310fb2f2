"""One exception root. The CLI and the UI turn these into messages and exit codes at the edge."""


class ActorgraphError(Exception):
    """Base of every error actorgraph raises on purpose; its message is meant for the user."""


class ConfigError(ActorgraphError):
    """Settings are missing or contradictory."""


class ServerError(ActorgraphError):
    """The local Neo4j server could not be provisioned, started or stopped."""


class StoreError(ActorgraphError):
    """Neo4j could not be reached or refused a request."""


class RuleError(ActorgraphError):
    """A rule file is invalid. ``problems`` holds every problem found, each naming file, line and rule."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class QueryError(ActorgraphError):
    """A user's Cypher was refused or failed."""


class ParamError(ActorgraphError, ValueError):
    """A view parameter (relation or actor type, date, depth, limit) is not valid; the message
    names the value and what is allowed."""
