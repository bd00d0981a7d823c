-- The sheet as a run or a plan read it, staged chunk by chunk while it is fetched (issue 11), so that the process
-- holds no whole-sheet copy of the cells: the guards, the comparison with sellers, the batch merges and verification
-- read it here with set queries. UNLOGGED: it is scratch space, rebuilt by every read, never worth a WAL record.
-- A stage lives as long as its run or plan; one left behind by a process that died is removed by the next read.
CREATE UNLOGGED TABLE sheet_stages (
  id BIGSERIAL PRIMARY KEY,
  opened_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- One valid row of the sheet (duplicates too, until the read ends and their losers are removed), as the batch merge
-- stores it. source_updated_at keeps the text the parser made (its offset is part of the content hash).
CREATE UNLOGGED TABLE sheet_stage (
  stage_id BIGINT NOT NULL,
  source_row INTEGER NOT NULL,
  seller_number VARCHAR(50) NOT NULL,
  name TEXT NOT NULL,
  inquiry_date DATE NOT NULL,
  phone TEXT,
  email TEXT,
  address TEXT,
  status TEXT,
  source_updated_at TEXT,
  content_hash VARCHAR(64) NOT NULL,
  raw JSON NOT NULL,
  has_property BOOLEAN NOT NULL,
  property_address TEXT,
  property_type TEXT,
  land_area NUMERIC,
  building_area NUMERIC
);

-- the only index: batches, the comparison and verification find rows by key; a COPY maintains nothing else
CREATE INDEX sheet_stage_seller_number ON sheet_stage (stage_id, seller_number);
