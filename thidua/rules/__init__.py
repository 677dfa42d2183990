"""Pure rules: eligibility, quotas and reward money over plain values. No Django or ORM imports
here, so every rule is testable without a database and explains its verdict."""
