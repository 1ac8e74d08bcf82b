"""What a message is while the assistant waits for the answer to a form's question."""
