import FibrePlan

// SKELETON: replaced by the work package that owns bench-ingest.
print("bench-ingest: not yet written")
