-- 1. nip [spreadsheet_error]
WHEN CASE WHEN starts_with("nip", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nip") ELSE FALSE END
THEN 'spreadsheet error ' || "nip" || ' in nip (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 2. tahun [spreadsheet_error]
WHEN CASE WHEN starts_with("tahun", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "tahun") ELSE FALSE END
THEN 'spreadsheet error ' || "tahun" || ' in tahun (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 3. predikat [spreadsheet_error]
WHEN CASE WHEN starts_with("predikat", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "predikat") ELSE FALSE END
THEN 'spreadsheet error ' || "predikat" || ' in predikat (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 4. kuadran_nilai [spreadsheet_error]
WHEN CASE WHEN starts_with("kuadran_nilai", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "kuadran_nilai") ELSE FALSE END
THEN 'spreadsheet error ' || "kuadran_nilai" || ' in kuadran_nilai (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 5. nilai_prestasi_kerja [spreadsheet_error]
WHEN CASE WHEN starts_with("nilai_prestasi_kerja", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nilai_prestasi_kerja") ELSE FALSE END
THEN 'spreadsheet error ' || "nilai_prestasi_kerja" || ' in nilai_prestasi_kerja (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 6. nip [empty]
WHEN "nip" IS NULL
THEN 'nip is empty'

-- 7. nip [nip_excel_number]
WHEN starts_with("nip", '#EXCEL_NUMBER:')
THEN 'NIP is stored as a number in Excel, which keeps only 15 digits; format the column as text and enter the NIP again'

-- 8. nip [nip_length]
WHEN NOT (nip__clean GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
THEN 'NIP must be 18 digits, got "' || left("nip", 40) || '" (' || length(nip__clean) || ' characters)'

-- 9. nip [nip_lost_digits]
WHEN ends_with(nip__clean, '000')
THEN 'NIP ' || nip__clean || ' ends in 000: its last digits were lost when it was stored as a number (15 significant digits)' || '' || '; export the NIP column as text'

-- 10. tahun [empty]
WHEN "tahun" IS NULL
THEN 'tahun is empty'

-- 11. tahun [year_out_of_range]
WHEN "tahun" IS NOT NULL AND NOT (regexp_full_match("tahun", '\d{4}') AND CAST("tahun" AS INTEGER) BETWEEN 1990 AND 2025)
THEN 'tahun must be a year between 1990 and 2025, got "' || left("tahun", 20) || '"'

-- 12. predikat [unknown_code]
WHEN "predikat" IS NOT NULL AND predikat__code IS NULL
THEN 'unknown predikat "' || left("predikat", 60) || '"; use one of: SANGAT_BAIK, BAIK, CUKUP, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG, BURUK (or add an alias in data/aliases/kode.json)'

-- 13. nip [nip_not_in_pegawai]
WHEN nip__angka NOT IN (SELECT nip_kunci FROM pegawai)
THEN 'NIP ' || nip__clean || ' is not in pegawai'

-- 14. tahun [second_skp]
WHEN predikat__code IS NOT NULL AND _first_line < _ord
THEN 'second SKP for NIP ' || nip__clean || ' and year ' || tahun || ' (first at line ' || _first_line || '); keep one'

-- 15. tahun [after_period]
WHEN TRY_CAST(tahun AS INTEGER) > 2024
THEN 'after the period: the SKP of ' || tahun || ' is after the period 2024-Q3: it counts in no score of this period'
