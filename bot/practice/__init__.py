"""What the assistant says about the practice itself: hours, address, costs, therapists."""
