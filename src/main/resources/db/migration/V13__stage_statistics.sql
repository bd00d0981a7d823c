-- Every read ANALYZEs the stage's key columns once it is filled (seller/SheetStage#analyze), so that the comparison,
-- the batches and verification are planned for its rows. With the default target the sample is 30 000 rows, which
-- for a stage of 100 000 rows with their raw cells (about 150 MB) means reading nearly every page: 0.2 s of each
-- initial load. A tenth of that sample still tells the planner what it needs of these two columns: one stage (or a
-- few) and a key that is unique but for the rare duplicate.
ALTER TABLE sheet_stage ALTER COLUMN stage_id SET STATISTICS 10;
ALTER TABLE sheet_stage ALTER COLUMN seller_number SET STATISTICS 10;
