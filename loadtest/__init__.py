"""Load and fault runs (`make loadtest`) and the helpers the two-server test shares."""
