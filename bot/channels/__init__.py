"""Input channels and the screening every inbound message passes first."""
