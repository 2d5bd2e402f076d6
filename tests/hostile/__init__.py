"""Hostile input: sources built to crash, hang, inflate, leak or smuggle active content."""
