<%@ page contentType="text/plain; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="cache" uri="dev.webcache.tags" %>
fragment=[<cache:fragment name="movie-list" tokens="movies" timeout="60">movies v=${param.v}</cache:fragment>]
icache=[<cache:icache tokens="movies, list">movies list v=${param.v}</cache:icache>]
perUser=[<cache:icache tokens="${['books', param.user]}">books for ${param.user} v=${param.v}</cache:icache>]
sum=[${cache:tokenSum(pageContext, 'movies, books')}]
