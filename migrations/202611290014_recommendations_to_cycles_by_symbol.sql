-- A recommendation belongs to the reporting cycle whose document carries its symbol: concluding
-- observations CAT/C/KAZ/CO/4 are a document of the CAT cycle of Kazakhstan's fourth report, so an
-- imported recommendation with that symbol joins the cycle by itself. A recommendation given a cycle
-- explicitly keeps it. (Adding the document later attaches earlier recommendations: see
-- addCycleDocument.)
CREATE INDEX cycle_documents_symbol_idx ON cycle_documents (symbol) WHERE symbol IS NOT NULL;

CREATE FUNCTION recommendation_cycle_by_symbol() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.cycle_id IS NULL AND NEW.symbol IS NOT NULL THEN
    NEW.cycle_id := (
      SELECT c.id FROM cycle_documents d JOIN reporting_cycles c ON c.id = d.cycle_id
       WHERE d.symbol = NEW.symbol AND c.state_code = NEW.state_code AND c.mechanism_id = NEW.mechanism_id
       ORDER BY c.id LIMIT 1);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER recommendation_cycle_by_symbol BEFORE INSERT ON recommendations
  FOR EACH ROW EXECUTE FUNCTION recommendation_cycle_by_symbol();
