-- The synced data itself (CONTRACT section 4). Rows are never deleted by a sync.

CREATE TABLE sellers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  seller_number VARCHAR(50) NOT NULL UNIQUE,
  name TEXT NOT NULL,
  inquiry_date DATE NOT NULL,
  phone TEXT,
  email TEXT,
  address TEXT,
  status TEXT,
  source_row INTEGER,
  source_updated_at TIMESTAMPTZ,
  content_hash VARCHAR(64),
  raw JSONB NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  last_synced_at TIMESTAMPTZ,
  CONSTRAINT sellers_seller_number_format CHECK (seller_number ~ '^AA[0-9]+$')
);

CREATE TABLE properties (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  seller_id UUID NOT NULL UNIQUE REFERENCES sellers(id) ON DELETE CASCADE,
  address TEXT,
  property_type TEXT,
  land_area NUMERIC,
  building_area NUMERIC,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
