# Resident bytes per record against the target limit; run by scripts/bench with datadir and outdir set.
set terminal png size 800,480
set output outdir.'/memory.png'
set title 'DHT node: resident bytes per record (8-byte keys)'
set ylabel 'bytes per record'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key left top
set grid y
set yrange [0:*]
plot datadir.'/memory.dat' using 2:xtic(1) title 'measured', \
     '' using 3 title 'target: 1.3 x (key + value + 16 B)'
