-- A staged row whose content hash a stored seller already has (the database holds that very content when the read
-- begins) is staged without its raw cells (raw NULL): no write reads them, and their JSON was most of what a run
-- that changes nothing sent to the stage. Every other use of the stage compares the full hash; a write never takes a
-- row without its cells (seller/SellerRepository).
ALTER TABLE sheet_stage ALTER COLUMN raw DROP NOT NULL;
