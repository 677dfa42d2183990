"""thidua — emulation and commendation (thi đua – khen thưởng) for Vietnamese public agencies."""
