"""Accounts: users, their passwords, browser sessions and API tokens (the store side of sign-in).

What the rest of the code needs of an account is a domain.actor.Actor; actor_for(user) makes one.
Who may do what is not decided here but in plantrack.policy.
"""
