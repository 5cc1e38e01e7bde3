"""Peace processes, their parties and observer groups, and who plays which role."""
