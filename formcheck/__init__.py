"""FormCheck: counts reps, times holds and coaches form for lower-back-pain exercises."""
