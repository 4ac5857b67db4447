# schema: ordered migrations applied by `sdesk db migrate`.
dist_schema_DATA +=
