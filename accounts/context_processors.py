from .roles import MANAGERS, Role, user_roles


def roles(request) -> dict:
    """``user_roles`` and ``is_manager`` for the navigation."""
    held = user_roles(request.user) if hasattr(request, "user") else frozenset()
    return {
        "user_roles": held,
        "is_manager": bool(held & set(MANAGERS)),
        "is_admin": Role.ADMIN in held,
    }
