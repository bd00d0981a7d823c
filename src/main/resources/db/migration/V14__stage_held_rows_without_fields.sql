-- A held row (staged without its raw cells, V12) is staged without its seller fields too: name to status. The stored
-- seller with its content hash has those very fields, and the one query that reads staged rows back as sellers
-- (seller/SheetStage) takes them from it. A run that changes nothing then sends the stage little more than keys,
-- hashes and what the comparison reads (source row, updated at, the property fields): encoding the six fields was a
-- quarter of the sheet's intake. The property fields stay: the comparison finds property records out of step with
-- held rows by them.
ALTER TABLE sheet_stage ALTER COLUMN name DROP NOT NULL;
ALTER TABLE sheet_stage ALTER COLUMN inquiry_date DROP NOT NULL;
