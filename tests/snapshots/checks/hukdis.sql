-- 1. nip [spreadsheet_error]
WHEN CASE WHEN starts_with("nip", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nip") ELSE FALSE END
THEN 'spreadsheet error ' || "nip" || ' in nip (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 2. tingkat [spreadsheet_error]
WHEN CASE WHEN starts_with("tingkat", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "tingkat") ELSE FALSE END
THEN 'spreadsheet error ' || "tingkat" || ' in tingkat (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 3. jenis [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis" || ' in jenis (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 4. tmt [spreadsheet_error]
WHEN CASE WHEN starts_with("tmt", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "tmt") ELSE FALSE END
THEN 'spreadsheet error ' || "tmt" || ' in tmt (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 5. akhir [spreadsheet_error]
WHEN CASE WHEN starts_with("akhir", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "akhir") ELSE FALSE END
THEN 'spreadsheet error ' || "akhir" || ' in akhir (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 6. jenis_hukuman_nama [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis_hukuman_nama", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis_hukuman_nama") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis_hukuman_nama" || ' in jenis_hukuman_nama (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 7. nip [empty]
WHEN "nip" IS NULL
THEN 'nip is empty'

-- 8. nip [nip_excel_number]
WHEN starts_with("nip", '#EXCEL_NUMBER:')
THEN 'NIP is stored as a number in Excel, which keeps only 15 digits; format the column as text and enter the NIP again'

-- 9. nip [nip_length]
WHEN NOT (nip__clean GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
THEN 'NIP must be 18 digits, got "' || left("nip", 40) || '" (' || length(nip__clean) || ' characters)'

-- 10. nip [nip_lost_digits]
WHEN ends_with(nip__clean, '000')
THEN 'NIP ' || nip__clean || ' ends in 000: its last digits were lost when it was stored as a number (15 significant digits)' || '' || '; export the NIP column as text'

-- 11. tingkat [unknown_code]
WHEN "tingkat" IS NOT NULL AND tingkat__code IS NULL
THEN 'unknown tingkat "' || left("tingkat", 60) || '"; use one of: RINGAN, SEDANG, BERAT (or add an alias in data/aliases/kode.json)'

-- 12. tmt [empty]
WHEN "tmt" IS NULL
THEN 'tmt is empty'

-- 13. tmt [zero_date]
WHEN starts_with("tmt", '0000-00-00')
THEN 'tmt is the zero date 0000-00-00 (an empty date saved by MySQL), and tmt is required: enter the real date'

-- 14. tmt [date_unreadable]
WHEN "tmt" IS NOT NULL AND "tmt__shape" IS NULL
THEN 'unreadable date "' || left("tmt", 40) || '"; use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY'

-- 15. tmt [date_impossible]
WHEN "tmt" IS NOT NULL AND "tmt__date" IS NULL
THEN 'impossible date "' || left("tmt", 40) || '"' || CASE WHEN TRY_CAST(regexp_extract("tmt", '^\d{1,2}[-/](\d{1,2})[-/]\d{4}$', 1) AS INTEGER) > 12 THEN ' (month first? this file also has dates whose first field is above 12, so it mixes both orders: write every date as YYYY-MM-DD)' ELSE '' END

-- 16. tmt [date_before_1950]
WHEN "tmt__date" < DATE '1950-01-01'
THEN 'date before 1950: "' || "tmt" || '"'

-- 17. tmt [date_future]
WHEN "tmt__date" > DATE '2025-12-31'
THEN 'date in the future: "' || "tmt" || '" is after 2025-12-31'

-- 18. akhir [date_unreadable]
WHEN "akhir" IS NOT NULL AND "akhir__shape" IS NULL
THEN 'unreadable date "' || left("akhir", 40) || '"; use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY'

-- 19. akhir [date_impossible]
WHEN "akhir" IS NOT NULL AND "akhir__date" IS NULL
THEN 'impossible date "' || left("akhir", 40) || '"' || CASE WHEN TRY_CAST(regexp_extract("akhir", '^\d{1,2}[-/](\d{1,2})[-/]\d{4}$', 1) AS INTEGER) > 12 THEN ' (month first? this file also has dates whose first field is above 12, so it mixes both orders: write every date as YYYY-MM-DD)' ELSE '' END

-- 20. akhir [date_before_1950]
WHEN "akhir__date" < DATE '1950-01-01'
THEN 'date before 1950: "' || "akhir" || '"'

-- 21. akhir [date_future]
WHEN FALSE
THEN 'date in the future: "' || "akhir" || '" is after 2025-12-31'

-- 22. nip [nip_not_in_pegawai]
WHEN nip__angka NOT IN (SELECT nip_kunci FROM pegawai)
THEN 'NIP ' || nip__clean || ' is not in pegawai'

-- 23. akhir [end_before_start]
WHEN akhir__date < tmt__date
THEN 'akhir ' || akhir || ' is before tmt ' || tmt

-- 24. tmt [after_period]
WHEN tmt__date >= DATE '2025-01-01'
THEN 'after the period: the punishment from ' || tmt || ' is after the period 2024-Q3: it counts in no score of this period'
